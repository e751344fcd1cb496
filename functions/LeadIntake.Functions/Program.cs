using LeadIntake.Functions.Endpoints;
using LeadIntake.Functions.Hosting;
using LeadIntake.Functions.Triggers;

var builder = WebApplication.CreateBuilder(args);
builder.AddLeadIntake();

var app = builder.Build();
app.UseLeadIntake();
app.MapLeadCaptureEndpoints();
app.MapPipelineTriggers();
app.Run();

/// <summary>The function app's entry point; public for <c>WebApplicationFactory&lt;Program&gt;</c> in tests.</summary>
public partial class Program;
