using System.Net;
using LeadIntake.Functions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>
/// A landing page owner's web site: a tiny Kestrel server on a free loopback port serving <c>/landing</c>, a page with
/// <c>&lt;form data-leadintake="…"&gt;</c> and the snippet's script tag pointing at the function app.
/// </summary>
/// <remarks>
/// The site answers on <c>http://localhost:{port}</c> (<see cref="AllowedOrigin"/>, which the fixture allows for the
/// default form) and on <c>http://127.0.0.1:{port}</c> (<see cref="RefusedOrigin"/>, allowed for no form); the function
/// app is on <c>127.0.0.1</c> with another port, so both are other origins than the app's.
/// </remarks>
public sealed class LandingSite : IAsyncDisposable
{
    /// <summary>The form id the page's form posts as (unknown to the registry, so the default form's settings apply).</summary>
    public const string FormId = "landing-test";

    private readonly WebApplication _app;
    private Uri? _appBase;

    private LandingSite(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    /// <summary>The site's port.</summary>
    public int Port { get; }

    /// <summary>The origin the function app allows: <c>http://localhost:{port}</c>.</summary>
    public string AllowedOrigin => $"http://localhost:{Port}";

    /// <summary>The same site under an origin no form allows: <c>http://127.0.0.1:{port}</c>.</summary>
    public string RefusedOrigin => $"http://127.0.0.1:{Port}";

    /// <summary>The function app the page's script tag points at; set once the app runs.</summary>
    public Uri AppBase
    {
        get => _appBase ?? throw new InvalidOperationException("The function app's address is not known yet.");
        set => _appBase = value;
    }

    /// <summary>Starts the site on a free port (localhost, IPv4 and IPv6).</summary>
    public static async Task<LandingSite> StartAsync()
    {
        var port = LoopbackPorts.Free(1)[0];
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://localhost:{port}");
        var app = builder.Build();
        var site = new LandingSite(app, port);
        app.MapGet("/landing", (HttpContext context) => Results.Content(site.Page(), "text/html; charset=utf-8"));
        await app.StartAsync();
        return site;
    }

    /// <summary>The landing page: a form as a page owner would write it, without action or hidden fields; the snippet does the rest.</summary>
    public string Page()
    {
        var script = WebUtility.HtmlEncode(new Uri(AppBase, "api/snippet.js").AbsoluteUri);
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Contoso launch</title></head>
            <body>
            <h1>Contoso launch</h1>
            <form id="signup" data-leadintake="{{FormId}}">
              <label for="email">Email</label> <input id="email" name="email" type="email" required>
              <label for="first_name">First name</label> <input id="first_name" name="first_name">
              <label for="company">Company</label> <input id="company" name="company">
              <label><input type="checkbox" name="consent_marketing" value="true"> <span data-leadintake-consent></span></label>
              <button type="submit">Sign up</button>
            </form>
            <script src="{{script}}" defer></script>
            </body>
            </html>
            """;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

/// <summary>The whole pipeline with a <see cref="LandingSite"/> whose <see cref="LandingSite.AllowedOrigin"/> the default form allows.</summary>
public sealed class LandingSiteAppFixture : FunctionAppFixture
{
    private LandingSite? _site;

    /// <summary>The landing page owner's site.</summary>
    public LandingSite Site => _site ?? throw new InvalidOperationException("Not initialised.");

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        // The site's port must be known before the app starts: it is the allowed origin in the app's settings.
        _site = await LandingSite.StartAsync();
        await base.InitializeAsync();
        _site.AppBase = Host.BaseAddress;
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_site is not null)
            await _site.DisposeAsync();
    }

    /// <inheritdoc />
    protected override IEnumerable<KeyValuePair<string, string>> Settings() =>
        [new($"{LeadCaptureOptions.SectionName}__AllowedOrigins__1", Site.AllowedOrigin)];
}

/// <summary>The collection of tests sharing one <see cref="LandingSiteAppFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class LandingSiteCollection : ICollectionFixture<LandingSiteAppFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "landing-site";
}
