using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Players.Data.DesignTime;

/// <summary>
/// Writes the snapshot and designer files without store types or provider annotations. The snapshot
/// generator adds each property's store type after filtering, so the property overload removes it again.
/// </summary>
internal sealed class NeutralAnnotationCodeGenerator(AnnotationCodeGeneratorDependencies dependencies)
    : AnnotationCodeGenerator(dependencies)
{
    public override IEnumerable<IAnnotation> FilterIgnoredAnnotations(IEnumerable<IAnnotation> annotations) =>
        ProviderNeutrality.WithoutProviderSpecific(base.FilterIgnoredAnnotations(annotations));

    public override IReadOnlyList<MethodCallCodeFragment> GenerateFluentApiCalls(
        IProperty property,
        IDictionary<string, IAnnotation> annotations)
    {
        ProviderNeutrality.RemoveProviderSpecific(annotations);
        return base.GenerateFluentApiCalls(property, annotations);
    }

    public override IReadOnlyList<MethodCallCodeFragment> GenerateFluentApiCalls(
        IModel model,
        IDictionary<string, IAnnotation> annotations)
    {
        ProviderNeutrality.RemoveProviderSpecific(annotations);
        return base.GenerateFluentApiCalls(model, annotations);
    }
}
