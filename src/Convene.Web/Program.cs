using System.Text.Json.Serialization;
using Convene.Persistence;
using Convene.Web.Api;
using Convene.Web.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;

var builder = WebApplication.CreateBuilder(args);

var provider = ServiceCollectionExtensions.ParseProvider(builder.Configuration["Database:Provider"]);
var connectionString = builder.Configuration.GetConnectionString("Convene")
    ?? throw new InvalidOperationException("ConnectionStrings:Convene is not set.");
builder.Services.AddConvene(provider, connectionString, builder.Configuration["Database:SqliteSynchronous"], backgroundCheckpoints: true);

builder.Services.AddAuthentication(BearerTokenHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
builder.Services.AddConveneBrowserSessions();
builder.Services.AddAuthorization();
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
{
    // Every problem carries a stable code; bare statuses from the framework get one by status.
    var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
    if (!context.ProblemDetails.Extensions.ContainsKey("code"))
    {
        context.ProblemDetails.Extensions["code"] = status == StatusCodes.Status401Unauthorized
            && context.HttpContext.Items[BearerTokenHandler.FailureCodeItem] is string failure
                ? failure
                : ErrorMapping.CodeFor(status);
    }

    context.ProblemDetails.Title ??= ErrorMapping.TitleFor(status);
});
builder.Services.AddExceptionHandler<RequestExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.Configure<JsonOptions>(options =>
{
    options.SerializerOptions.Converters.Add(new StrictDateTimeOffsetConverter());
    options.SerializerOptions.Converters.Add(new NoNulStringConverter());
    // A misspelt field is an error, not a silently ignored value.
    options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
});
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
builder.WebHost.ConfigureKestrel(options => options.Limits.MaxRequestBodySize = 1024 * 1024);
builder.WebHost.ConfigureConveneRequestLimits();
builder.Services.AddImip();
builder.Services.AddConveneLoginThrottling(builder.Configuration);
builder.Services.AddConveneEventStreamLimits();
builder.Services.AddConveneRequestConcurrency(builder.Configuration, provider);

var app = builder.Build();

await app.InitializeDatabaseAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseConveneSecurityHeaders();
app.UseConveneOversizedBodyClose();
app.UseConveneSpa();
app.UseAuthentication();
app.UseCsrfProtection();
app.UseAuthorization();

app.MapOpenApi();
// Liveness: the process answers. Readiness: the database answers and is migrated (for load balancers).
app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
var api = app.MapGroup("/api/v1").RequireAuthorization().InTurn();
api.MapAuthEndpoints();
api.MapDirectoryEndpoints();
api.MapAppointmentEndpoints();
api.MapDiaryEndpoints();
api.MapNotificationStreamEndpoints();
api.MapSchedulingEndpoints();
app.MapCalendarEndpoints(api);
app.MapRsvpEndpoints();
api.MapSessionEndpoints();
api.MapAssignmentEndpoints();
api.MapSeriesEndpoints();

app.Run();

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
