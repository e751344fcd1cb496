using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LeadIntake.LocalHost.Rpc;
using Microsoft.AspNetCore.Routing.Template;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace LeadIntake.LocalHost;

/// <summary>One HTTP-triggered function's route: template (with the route prefix), methods and auth level.</summary>
/// <param name="Function">The function.</param>
/// <param name="Template">The parsed <c>{routePrefix}/{route}</c> template.</param>
/// <param name="Methods">Upper-case methods; empty means every method.</param>
/// <param name="AuthLevel">"anonymous", "function" or "admin" (lower case).</param>
public sealed record HttpRoute(FunctionDescriptor Function, RouteTemplate Template, IReadOnlySet<string> Methods, string AuthLevel)
{
    /// <summary>The routes of the HTTP-triggered <paramref name="functions"/>, most specific first.</summary>
    public static IReadOnlyList<HttpRoute> From(IEnumerable<FunctionDescriptor> functions, string routePrefix) =>
        functions
            .Where(function => function.TriggerType.Equals("httpTrigger", StringComparison.OrdinalIgnoreCase))
            .Select(function =>
            {
                var route = (function.TriggerProperty("route") ?? function.Name).Trim('/');
                var methods = (function.Trigger["methods"] as JsonArray ?? [])
                    .Select(method => method!.GetValue<string>().ToUpperInvariant())
                    .ToHashSet();
                // Azure's default auth level for an HTTP trigger is "function".
                var authLevel = (function.TriggerProperty("authLevel") ?? "function").ToLowerInvariant();
                var text = string.Join('/', new[] { routePrefix, route }.Where(part => part.Length > 0));
                return new HttpRoute(function, TemplateParser.Parse(text), methods, authLevel);
            })
            .OrderBy(route => RoutePrecedence.ComputeInbound(route.Template))
            .ToList();
}

/// <summary>Serves the function routes: routing, auth levels, forwarding to the worker's Kestrel, and the invocation.</summary>
/// <remarks>
/// For a matched request the invocation id goes into <c>x-ms-invocation-id</c> (overwriting a client's), the forward
/// starts first and the <see cref="InvocationRequest"/> (an empty <see cref="RpcHttp"/> for the trigger) right after,
/// because the worker pairs the two by that id and waits only seconds for either. Status codes the host itself writes:
/// 400 (a header that is not ASCII, which the forward cannot carry), 401 (key), 404/405 (routing), 500 (failed
/// invocation, nothing written), 503 + Retry-After (worker unavailable). A forward that fails cancels the invocation at
/// once: the worker would otherwise wait for a request that never comes, and the client for the worker.
/// </remarks>
public sealed class HttpInvoker(
    WorkerSupervisor supervisor,
    HostSettings settings,
    IHttpForwarder forwarder,
    ITransformBuilder transforms,
    Microsoft.AspNetCore.Routing.IInlineConstraintResolver constraints,
    ILoggerFactory loggers)
{
    private const string InvocationIdHeader = "x-ms-invocation-id";
    private const string StatusPath = "/admin/host/status";
    private static readonly TimeSpan InvocationAfterForward = TimeSpan.FromSeconds(30);

    private readonly ILogger _logger = loggers.CreateLogger("Host.Http");
    private readonly HttpMessageInvoker _client = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = System.Net.DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        ActivityHeadersPropagator = null,
    });
    private readonly ForwarderRequestConfig _forwardConfig = new()
    {
        ActivityTimeout = HostSettings.Duration(settings.HostJson["functionTimeout"], TimeSpan.FromMinutes(30)),
    };
    // As Azure's front end does: the caller's address is appended to X-Forwarded-For, not put in place of it, so the
    // worker (ForwardLimit 1) sees the caller as RemoteIpAddress and the header keeps what came before.
    private readonly HttpTransformer _transformer = transforms.Create(context =>
    {
        context.UseDefaultForwarders = false;
        context.AddXForwarded(ForwardedTransformActions.Append);
    });
    private (IReadOnlyList<FunctionDescriptor> Functions, IReadOnlyList<HttpRoute> Routes) _routes = ([], []);

    /// <summary>Handles one request end to end (terminal middleware).</summary>
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Path.Equals(StatusPath, StringComparison.OrdinalIgnoreCase))
        {
            await StatusAsync(context);
            return;
        }

        if (supervisor.Functions.Count == 0)
        {
            // No handshake yet: the routes are unknown, so a 404 would be a lie.
            Unavailable(context);
            return;
        }

        var matches = Routes()
            .Select(route => (Route: route, Values: Match(route, context)))
            .Where(match => match.Values is not null)
            .ToList();
        if (matches.Count == 0)
        {
            if (request.Path == "/" && HttpMethods.IsGet(request.Method))
                await Results.Text("Azure Functions local host is running").ExecuteAsync(context);
            else
                await Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No function has the route {request.Path}.").ExecuteAsync(context);
            return;
        }

        var (route, values) = matches.FirstOrDefault(match => match.Route.Methods.Count == 0 || match.Route.Methods.Contains(request.Method));
        if (route is null)
        {
            context.Response.Headers.Allow = string.Join(", ", matches.SelectMany(match => match.Route.Methods).Distinct());
            await Results.Problem(statusCode: StatusCodes.Status405MethodNotAllowed).ExecuteAsync(context);
            return;
        }

        if (!Authorized(context, route.AuthLevel))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (request.Headers.Any(header => header.Value.Any(value => value is not null && !Ascii.IsValid(value))))
        {
            // Kestrel reads such bytes as Latin-1, but the forward to the worker can only send ASCII: refuse here rather
            // than answer as if the worker were down.
            await Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "Request headers must be ASCII text.").ExecuteAsync(context);
            return;
        }

        await InvokeAsync(context, route, values!);
    }

    private async Task InvokeAsync(HttpContext context, HttpRoute route, RouteValueDictionary values)
    {
        var connection = supervisor.Connection;
        if (connection is null)
        {
            Unavailable(context);
            return;
        }

        var invocation = route.Function.NewInvocation();
        invocation.InputData.Add(new ParameterBinding { Name = route.Function.TriggerName, Data = new TypedData { Http = new RpcHttp() } });
        foreach (var (key, value) in values)
            invocation.TriggerMetadata[key] = new TypedData { String = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" };
        invocation.TriggerMetadata["Query"] = new TypedData { Json = JsonSerializer.Serialize(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString())) };
        invocation.TriggerMetadata["Headers"] = new TypedData { Json = JsonSerializer.Serialize(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString())) };
        context.Request.Headers[InvocationIdHeader] = invocation.InvocationId;

        var started = Stopwatch.GetTimestamp();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var forward = forwarder.SendAsync(context, supervisor.WorkerHttpUri.ToString(), _client, _forwardConfig, _transformer);
        var invoked = connection.InvokeAsync(invocation, cancel.Token);
        var error = await forward;
        if (error != ForwarderError.None)
        {
            // The request never reached the worker whole (the client's body broke off or was malformed, or the worker is
            // gone): the worker waits for it in vain, so cancel now instead of holding the client's answer for that wait.
            await cancel.CancelAsync();
        }

        InvocationResponse? response = null;
        try
        {
            // The worker completes the invocation once its side of the request is done; bound the wait if it never began.
            response = await invoked.WaitAsync(InvocationAfterForward);
        }
        catch (TimeoutException)
        {
            await cancel.CancelAsync();
        }
        catch (Exception exception) when (exception is WorkerUnavailableException or OperationCanceledException)
        {
            // Handled below: the forward's error or the missing response decides the status.
        }

        var name = route.Function.Name;
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (ClientCaused(error))
        {
            _logger.LogInformation("{Function} ({Id}): the client disconnected or sent a malformed body ({Error})", name, invocation.InvocationId, error);
            return;
        }

        if (response is null || error != ForwarderError.None)
        {
            _logger.LogWarning("{Function} ({Id}): the worker is unavailable ({Error})", name, invocation.InvocationId, error == ForwarderError.None ? "no response" : error);
            Unavailable(context);
            return;
        }

        if (response.Result?.Status != StatusResult.Types.Status.Success)
        {
            // The worker already logged the exception with its stack trace; the client gets none of it.
            _logger.LogError("Executed 'Functions.{Function}' (Failed, Id={Id}, Duration={Elapsed:0}ms): {Reason}", name, invocation.InvocationId, elapsed, WorkerException.Reason(response.Result));
            if (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            }

            return;
        }

        _logger.LogInformation("Executed 'Functions.{Function}' (Succeeded, Id={Id}, Duration={Elapsed:0}ms)", name, invocation.InvocationId, elapsed);
    }

    private async Task StatusAsync(HttpContext context)
    {
        if (!Authorized(context, "admin"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        await Results.Json(new { state = supervisor.State.ToString(), functions = supervisor.Functions.Select(f => f.Name) }).ExecuteAsync(context);
    }

    private bool Authorized(HttpContext context, string authLevel)
    {
        if (authLevel == "anonymous")
            return true;
        var key = context.Request.Headers["x-functions-key"].FirstOrDefault() ?? context.Request.Query["code"].FirstOrDefault();
        if (string.IsNullOrEmpty(key))
            return false;
        return SameKey(key, settings.MasterKey) || (authLevel != "admin" && SameKey(key, settings.FunctionKey));
    }

    private RouteValueDictionary? Match(HttpRoute route, HttpContext context)
    {
        var defaults = new RouteValueDictionary(route.Template.Parameters.Where(p => p.DefaultValue is not null).ToDictionary(p => p.Name!, p => p.DefaultValue));
        var values = new RouteValueDictionary();
        if (!new TemplateMatcher(route.Template, defaults).TryMatch(context.Request.Path, values))
            return null;
        foreach (var parameter in route.Template.Parameters)
        {
            foreach (var inline in parameter.InlineConstraints)
            {
                var constraint = constraints.ResolveConstraint(inline.Constraint)
                    ?? throw new InvalidOperationException($"Unknown route constraint '{inline.Constraint}' in {route.Template.TemplateText}.");
                if (values.ContainsKey(parameter.Name!) && !constraint.Match(context, null, parameter.Name!, values, RouteDirection.IncomingRequest))
                    return null;
            }
        }

        return values;
    }

    private IReadOnlyList<HttpRoute> Routes()
    {
        var functions = supervisor.Functions;
        var cached = _routes;
        if (!ReferenceEquals(cached.Functions, functions))
            _routes = cached = (functions, HttpRoute.From(functions, settings.RoutePrefix));
        return cached.Routes;
    }

    private static void Unavailable(HttpContext context)
    {
        if (context.Response.HasStarted)
            return;
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
    }

    // Errors on the client's side of the proxy: it went away, or its body was malformed (YARP answers 400 then).
    private static bool ClientCaused(ForwarderError error) => error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled
        or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient
        or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseCanceled
        or ForwarderError.UpgradeResponseClient;

    private static bool SameKey(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
