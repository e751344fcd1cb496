// LeadIntake.LocalHost: a DEVELOPMENT-ONLY stand-in for the Azure Functions host, for machines without Core Tools.
// It plays the host's side of the gRPC protocol for the real, unmodified isolated worker: handshake, HTTP triggers
// (proxied to the worker's ASP.NET Core integration), queue triggers and timers, worker restarts. It is not a product
// and never ships: nothing of it goes into the function app's publish output.
//
//   dotnet LeadIntake.LocalHost.dll --script-root <worker output folder> [--port 7071]
using LeadIntake.LocalHost;
using Microsoft.AspNetCore.Server.Kestrel.Core;

HostSettings settings;
try
{
    settings = HostSettings.Load(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

// Content root = the host's own folder, so an appsettings.json in the caller's current directory cannot reconfigure it.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
builder.Logging.AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "HH:mm:ss.fff ";
});
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
builder.Logging.AddFilter("Grpc", LogLevel.Warning);
// YARP logs client disconnects with their stack traces; HttpInvoker logs every forwarding outcome in one line instead.
builder.Logging.AddFilter("Yarp", LogLevel.None);
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = Triggers.DrainTimeout + TimeSpan.FromSeconds(15));
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Listen(System.Net.IPAddress.Loopback, settings.Port, listen => listen.Protocols = HttpProtocols.Http1);
    kestrel.Limits.MaxRequestBodySize = null; // the worker enforces its own limits
    // The forward adds x-ms-invocation-id and X-Forwarded-For/-Proto/-Host/-Prefix; the worker's Kestrel allows 100
    // headers, so a request the worker would refuse (after its function had been invoked) is refused here with 431.
    kestrel.Limits.MaxRequestHeaderCount = 100 - 10;
});
builder.Services.AddSingleton(settings);
builder.Services.AddRouting();
builder.Services.AddHttpForwarder();
builder.Services.AddSingleton<HttpInvoker>();
// Registration order is stop order reversed: the HTTP server drains first, then the triggers, then the worker.
builder.Services.AddSingleton<WorkerSupervisor>();
builder.Services.AddHostedService(services => services.GetRequiredService<WorkerSupervisor>());
builder.Services.AddHostedService<Triggers>();

var app = builder.Build();
var invoker = app.Services.GetRequiredService<HttpInvoker>();
app.Run(invoker.HandleAsync);
await app.RunAsync();
return 0;
