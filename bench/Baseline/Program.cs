// The platform's limit for GET /players/: bare Kestrel writing, from memory, the exact bytes the API returned.
// Every API figure in bench/README.md is a ratio to this app measured in the same run.
var body = File.ReadAllBytes(Environment.GetEnvironmentVariable("BASELINE_BODY")
    ?? throw new InvalidOperationException("Set BASELINE_BODY to the file holding the response body to serve."));

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

app.Run(context =>
{
    context.Response.ContentType = "application/json; charset=utf-8";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});

app.Run();
