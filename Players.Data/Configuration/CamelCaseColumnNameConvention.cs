using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Players.Data.Configuration;

/// <summary>
/// Names every column after its property in camelCase (<c>SquadNumber</c> → <c>squadNumber</c>), the Python
/// project's naming and the API's JSON naming, so a new property needs no <c>HasColumnName</c>. Set as a convention,
/// it yields to an explicit <c>HasColumnName</c> or <c>[Column]</c>.
/// </summary>
internal sealed class CamelCaseColumnNameConvention : IPropertyAddedConvention
{
    public void ProcessPropertyAdded(IConventionPropertyBuilder propertyBuilder, IConventionContext<IConventionPropertyBuilder> context) =>
        propertyBuilder.HasColumnName(JsonNamingPolicy.CamelCase.ConvertName(propertyBuilder.Metadata.Name));
}
