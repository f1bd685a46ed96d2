using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Players.Api.Auth;

/// <summary>
/// Declares the bearer scheme, and requires it on the operations that carry the write policy, so that the document
/// tells clients which calls need a token and <c>/docs</c> offers a field to paste one. Added only when protected.
/// </summary>
public sealed class BearerSecurityScheme : IOpenApiOperationTransformer
{
    public const string Name = "Bearer";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any() || context.Document is not { } document)
        {
            return Task.CompletedTask;
        }

        if (document.Components?.SecuritySchemes?.ContainsKey(Name) != true)
        {
            document.AddComponent<IOpenApiSecurityScheme>(Name, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = $"A JWT whose scope includes {WriteScope.Value}.",
            });
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Name, document)] = [] });
        return Task.CompletedTask;
    }
}
