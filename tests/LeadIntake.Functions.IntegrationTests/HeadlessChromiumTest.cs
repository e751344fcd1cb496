using Microsoft.Playwright;

namespace LeadIntake.Functions.IntegrationTests;

/// <summary>A test class with Debian's headless Chromium (<c>/usr/bin/chromium</c>, which <c>./test.sh</c> installs), started per class.</summary>
public abstract class HeadlessChromiumTest : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The running browser.</summary>
    protected IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser starts in InitializeAsync.");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
            await _browser.CloseAsync();
        _playwright?.Dispose();
    }
}
