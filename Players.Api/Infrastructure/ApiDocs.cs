using Players.Api.Auth;
using Scalar.AspNetCore;

namespace Players.Api.Infrastructure;

/// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and the Scalar UI at <c>/docs</c>, in every environment.</summary>
public static class ApiDocs
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string UiPath = "/docs";

    public static IServiceCollection AddPlayersOpenApi(this IServiceCollection services, WriteAccess writes) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Players API";
                document.Info.Description = "Football players: the Python service's HTTP contract in ASP.NET Core.";
                return Task.CompletedTask;
            });
            options.AddOperationTransformer<OpenApiExamples>();
            if (writes.IsProtected)
            {
                options.AddOperationTransformer<BearerSecurityScheme>();
            }
        });

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath);
        var writes = app.Services.GetRequiredService<WriteAccess>();
        app.MapScalarApiReference(UiPath, options =>
        {
            options.WithTitle("Players API").WithOpenApiRoutePattern(DocumentPath);
            if (writes.IsProtected)
            {
                options.AddPreferredSecuritySchemes(BearerSecurityScheme.Name);
            }
        });
        return app;
    }
}
