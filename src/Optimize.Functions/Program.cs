using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Optimize.Functions;
using Optimize.Functions.Durable;
using Optimize.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

// Application Insights with Entra ID (local auth is off on the component): the identity comes from
// APPLICATIONINSIGHTS_AUTHENTICATION_STRING, as for the host; see Telemetry for the supported way and its sources.
Telemetry.AddOptimizeTelemetry(builder.Services, Environment.GetEnvironmentVariable);

// Settings are validated here, once: an invalid policy or a missing setting stops the host with every problem listed.
// No network call happens before Run() (Flex Consumption gives the host 30 s to start).
var settings = OptimizeSettings.Load(Environment.GetEnvironmentVariable).GetOrThrow();
builder.Services.AddOptimize(settings);
builder.Services.AddSingleton(new ActivityRetryOptions());

builder.Build().Run();
