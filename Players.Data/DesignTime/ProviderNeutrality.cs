using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Players.Data.DesignTime;

/// <summary>
/// What makes generated migration code provider-specific: store types and annotations that belong to one
/// provider. Each provider derives them again from the CLR types and the neutral configuration.
/// </summary>
internal static class ProviderNeutrality
{
    /// <summary>
    /// Core annotations have no prefix and relational ones the <c>Relational:</c> prefix; any other prefix
    /// (<c>Npgsql:</c>, <c>Sqlite:</c>) belongs to a provider. Two relational annotations are provider facts too.
    /// </summary>
    public static bool IsProviderSpecific(string annotationName) =>
        annotationName == RelationalAnnotationNames.ColumnType
        || annotationName == RelationalAnnotationNames.MaxIdentifierLength
        || (annotationName.Contains(':', StringComparison.Ordinal)
            && !annotationName.StartsWith(RelationalAnnotationNames.Prefix, StringComparison.Ordinal));

    public static IEnumerable<IAnnotation> WithoutProviderSpecific(IEnumerable<IAnnotation> annotations) =>
        annotations.Where(annotation => !IsProviderSpecific(annotation.Name));

    public static void RemoveProviderSpecific(IDictionary<string, IAnnotation> annotations)
    {
        foreach (var name in annotations.Keys.Where(IsProviderSpecific).ToList())
        {
            annotations.Remove(name);
        }
    }
}
