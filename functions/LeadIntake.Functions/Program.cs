using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Middleware;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<StorageFailureMiddleware>();
builder.Services.AddLeadIntake(builder.Configuration);

builder.Build().Run();
