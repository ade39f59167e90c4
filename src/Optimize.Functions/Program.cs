using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Optimize.Functions.Durable;
using Optimize.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();

builder.Services
    .AddApplicationInsightsTelemetryWorkerService()
    .ConfigureFunctionsApplicationInsights();

// Settings are validated here, once: an invalid policy or a missing setting stops the host with every problem listed.
// No network call happens before Run() (Flex Consumption gives the host 30 s to start).
var settings = OptimizeSettings.Load(Environment.GetEnvironmentVariable).GetOrThrow();
builder.Services.AddOptimize(settings);
builder.Services.AddSingleton(new ActivityRetryOptions());

builder.Build().Run();
