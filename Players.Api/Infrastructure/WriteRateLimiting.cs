using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Players.Api.Infrastructure;

/// <summary>
/// Limits writes per client when <c>RateLimiting:WritesPerMinute</c> is set; without it the policy lets everything
/// through, so endpoints can always name it. A client is a token's subject when authentication found one, else an
/// address. The counts live in this process: each API replica has its own.
/// </summary>
public static class WriteRateLimiting
{
    public const string PolicyName = "writes";
    public const string WritesPerMinuteKey = "RateLimiting:WritesPerMinute";

    public static WebApplicationBuilder AddWriteRateLimiting(this WebApplicationBuilder builder)
    {
        var writesPerMinute = builder.Configuration.GetValue<int?>(WritesPerMinuteKey);
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(PolicyName, context => writesPerMinute is not > 0
                ? RateLimitPartition.GetNoLimiter("unlimited")
                : RateLimitPartition.GetFixedWindowLimiter(
                    ClientOf(context),
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = writesPerMinute.Value,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    }));
            options.OnRejected = OnRejectedAsync;
        });
        return builder;
    }

    // JwtBearer renames `sub` to the name identifier while MapInboundClaims is on (its default).
    private static string ClientOf(HttpContext context) =>
        (context.User.FindFirst("sub") ?? context.User.FindFirst(ClaimTypes.NameIdentifier)) is { } subject
            ? $"sub {subject.Value}"
            : $"address {context.Connection.RemoteIpAddress}";

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var problemDetails = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too Many Requests",
                Detail = $"Too many writes: retry after {seconds} s.",
            },
        });
    }
}
