using System.Net.Http.Json;
using System.Text.Json;
using Convene.IntegrationTests.Infrastructure;
using Microsoft.Playwright;

namespace Convene.UiTests.Infrastructure;

/// <summary>
/// The real server (<see cref="ConveneApp"/>: Kestrel on loopback, a SQLite file with the demo company) and Debian's
/// headless Chromium driven by Playwright, shared by the tests of one class. Playwright's own browser download is never
/// used: the machine's /usr/bin/chromium is launched directly.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ConveneApp Server { get; } = new();

    /// <summary>Why the browser tests cannot run here, or null when they can.</summary>
    public string? SkipReason { get; private set; }

    public IBrowser Browser => _browser ?? throw new InvalidOperationException(SkipReason ?? "The browser is not started.");

    public async ValueTask InitializeAsync()
    {
        await Server.InitializeAsync();
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"{ChromiumPath} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests.";
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                throw new InvalidOperationException($"CI: {SkipReason}");
            }

            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Without the background-networking flags Chromium keeps dialling Google's hosts, which this closed network refuses.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies: one user), by default in Oslo time with a British English locale.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string timeZone = "Europe/Oslo")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Server.BaseAddress.ToString(),
            TimezoneId = timeZone,
            Locale = "en-GB",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            // A blocked script or style would show here; the CSP must never have to block our own page.
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                CspViolations.Add(message.Text);
            }
        };
        page.PageError += (_, error) => PageErrors.Add(error);
        return page;
    }

    public List<string> CspViolations { get; } = [];

    public List<string> PageErrors { get; } = [];

    /// <summary>Opens the app at a place in the diary and signs in through the form.</summary>
    public async Task<IPage> SignInAsync(string userName, string hash = "date=2030-01-07&view=timeGridWeek", int width = 1280, string timeZone = "Europe/Oslo")
    {
        var page = await NewPageAsync(width, timeZone: timeZone);
        await page.GotoAsync($"/#{hash}");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync("demo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#bell")).ToBeVisibleAsync();
        return page;
    }

    /// <summary>An appointment as the API returns it, read with a bearer token (the tests' independent view).</summary>
    public async Task<JsonElement> AppointmentAsync(string userName, int id)
    {
        using var client = await Server.ClientForAsync(userName);
        return await client.GetFromJsonAsync<JsonElement>($"/api/v1/appointments/{id}");
    }

    /// <summary>
    /// Clears the users' notification panels through the API. The tests of a class share one server, and xUnit's order
    /// differs between checkouts, so a scenario that counts the bell starts from an empty panel instead of relying on
    /// which scenario ran before it.
    /// </summary>
    public async Task ClearNotificationsAsync(params string[] userNames)
    {
        foreach (var userName in userNames)
        {
            using var client = await Server.ClientForAsync(userName);
            using var response = await client.PostAsync("/api/v1/notifications/dismiss-all", content: null);
            response.EnsureSuccessStatusCode();
        }
    }

    /// <summary>Creates a meeting through the API (for the data a scenario needs but does not test).</summary>
    public async Task<int> CreateAsync(string userName, object body)
    {
        using var client = await Server.ClientForAsync(userName);
        var response = await client.PostAsJsonAsync("/api/v1/appointments", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>A FullCalendar drag: press on the event, move in steps by the distance between two slot rows, release.</summary>
    public static async Task DragAsync(IPage page, ILocator ev, string fromSlot, string toSlot)
    {
        // The week loads after sign-in: wait for the event instead of measuring a box that is not drawn yet. FullCalendar
        // draws the events again when the week's data arrives or changes, so the element the wait found can be gone by
        // the time its box is asked for (null): ask the locator again, which finds the new one.
        LocatorBoundingBoxResult? box = null;
        for (var attempt = 0; attempt < 20 && box is null; attempt++)
        {
            await ev.WaitForAsync(new() { State = WaitForSelectorState.Visible });
            box = await ev.BoundingBoxAsync();
        }

        if (box is null)
        {
            throw new InvalidOperationException("event not visible");
        }
        var from = await page.Locator($"td.fc-timegrid-slot-lane[data-time=\"{fromSlot}\"]").BoundingBoxAsync();
        // just inside the top of the 10:00 row, then just inside the top of the 13:00 row, measured once the drag is on
        var x = box.X + (box.Width / 2);
        var y = from!.Y + 4;
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x, y + 10, new() { Steps = 5 });
        var target = await page.Locator($"td.fc-timegrid-slot-lane[data-time=\"{toSlot}\"]").BoundingBoxAsync();
        await page.Mouse.MoveAsync(x, target!.Y + 4, new() { Steps = 15 });
        await page.Mouse.UpAsync();
    }

    /// <summary>The repository's docs/screenshots folder (screenshots are committed and shown in the README).</summary>
    public static string ScreenshotPath(string name)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Convene.slnx")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, name);
    }
}

/// <summary>Browser tests: skipped with a reason where Chromium is missing (never in CI, where the fixture fails instead).</summary>
public abstract class BrowserTestBase(BrowserApp app) : IAsyncLifetime
{
    protected BrowserApp App { get; } = app;

    public ValueTask InitializeAsync()
    {
        if (App.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }

        App.CspViolations.Clear();
        App.PageErrors.Clear();

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        Assert.Empty(App.CspViolations);
        Assert.Empty(App.PageErrors);
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
