using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Convene.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Convene.IntegrationTests.Infrastructure;

/// <summary>
/// The real server (Kestrel on a loopback port, the whole ASP.NET Core pipeline) on a fresh SQLite file with the demo
/// company, shared by the tests of one class. Tests create their own meetings, each in its own time slot.
/// <see cref="PostgresConveneApp"/> is the same on a fresh PostgreSQL database.
/// </summary>
public class ConveneApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "convene-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string> _tokens = [];
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private Dictionary<string, int>? _ids;
    private int _slot;

    public ConveneApp()
    {
        Directory.CreateDirectory(_directory);
        UseKestrel(0);
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Mid-2029: every meeting the tests create lies in the future.</summary>
    public FakeClock Clock { get; } = new(Instant.FromUtc(2029, 6, 1, 8, 0));

    public string DatabasePath => Path.Combine(_directory, "convene.db");

    /// <summary>The database the server runs on.</summary>
    public virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public string ConnectionString { get; protected set; } = "";

    /// <summary>Why this app cannot run here (a database server is missing outside CI); tests then skip.</summary>
    public string? SkipReason { get; protected set; }

    /// <summary>Whether sign-in is throttled with the server's default limits (else practically not at all).</summary>
    protected virtual bool ThrottlesSignIns => false;

    /// <summary>Creates the empty database the server will migrate and seed.</summary>
    protected virtual Task PrepareDatabaseAsync()
    {
        ConnectionString = $"Data Source={DatabasePath}";
        return Task.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Convene", ConnectionString);
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Convene:SeedDemoData", "true");
        if (!ThrottlesSignIns)
        {
            // The tests of a class sign in as the same demo users from one address, more often than people do;
            // LoginThrottlingTests run with the real limits.
            builder.UseSetting("Convene:LoginThrottling:PerUserName", "1000000");
            builder.UseSetting("Convene:LoginThrottling:PerAddress", "1000000");
        }
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IClock>(Clock)));
    }

    public async ValueTask InitializeAsync()
    {
        await PrepareDatabaseAsync();
        if (SkipReason is null)
        {
            StartServer();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
    }

    /// <summary>The base address of the running server (http://127.0.0.1:port/).</summary>
    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>A client signed in as the demo user (token cached per user).</summary>
    public async Task<HttpClient> ClientForAsync(string userName)
    {
        await _tokenLock.WaitAsync();
        try
        {
            if (!_tokens.TryGetValue(userName, out var token))
            {
                token = await LoginAsync(userName, "demo");
                _tokens[userName] = token;
            }

            return ClientWithToken(token);
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    public HttpClient ClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<string> LoginAsync(string userName, string password)
    {
        using var anonymous = CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    /// <summary>Demo ids by user name or resource/person name ("frode", "Room Fjord", "Frantz Olsen", "Nordic Fisk AS").</summary>
    public async Task<int> IdAsync(string name)
    {
        if (_ids is null)
        {
            var ids = new Dictionary<string, int>();
            using var admin = await ClientForAsync("admin");
            foreach (var a in (await admin.GetFromJsonAsync<JsonElement>("/api/v1/associates?includeInactive=true")).EnumerateArray())
            {
                ids[a.GetProperty("userName").GetString() ?? a.GetProperty("name").GetString()!] = a.GetProperty("id").GetInt32();
            }

            foreach (var c in (await admin.GetFromJsonAsync<JsonElement>("/api/v1/contacts")).EnumerateArray())
            {
                ids[c.GetProperty("name").GetString()!] = c.GetProperty("id").GetInt32();
                foreach (var p in (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/contacts/{c.GetProperty("id").GetInt32()}/persons")).EnumerateArray())
                {
                    ids[p.GetProperty("name").GetString()!] = p.GetProperty("id").GetInt32();
                }
            }

            _ids = ids;
        }

        return _ids[name];
    }

    /// <summary>A time slot no other test of this class uses: one hour on its own day, from 2030-01-01.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) NextSlot(int hours = 1)
    {
        var day = Interlocked.Increment(ref _slot);
        var start = new DateTimeOffset(2030, 1, 1, 9, 0, 0, TimeSpan.FromHours(1)).AddDays(day);
        return (start, start.AddHours(hours));
    }
}
