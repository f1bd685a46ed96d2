using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Players.Data.DesignTime;

/// <summary>Writes migration operations without store types (<c>type: "TEXT"</c>) or provider annotations.</summary>
internal sealed class NeutralMigrationOperationGenerator(CSharpMigrationOperationGeneratorDependencies dependencies)
    : CSharpMigrationOperationGenerator(dependencies)
{
    public override void Generate(string builderName, IReadOnlyList<MigrationOperation> operations, IndentedStringBuilder builder)
    {
        foreach (var operation in operations)
        {
            Neutralize(operation);
        }

        base.Generate(builderName, operations, builder);
    }

    private static void Neutralize(MigrationOperation operation)
    {
        RemoveProviderAnnotations(operation);
        switch (operation)
        {
            case CreateTableOperation table:
                table.Columns.ForEach(Neutralize);
                break;
            case AlterColumnOperation column:
                NeutralizeColumn(column);
                NeutralizeColumn(column.OldColumn);
                break;
            case ColumnOperation column:
                NeutralizeColumn(column);
                break;
        }
    }

    private static void NeutralizeColumn(ColumnOperation column)
    {
        column.ColumnType = null;
        RemoveProviderAnnotations(column);
    }

    private static void RemoveProviderAnnotations(Annotatable annotatable)
    {
        foreach (var annotation in annotatable.GetAnnotations().Where(a => ProviderNeutrality.IsProviderSpecific(a.Name)).ToList())
        {
            annotatable.RemoveAnnotation(annotation.Name);
        }
    }
}
