using Convene.Cli;

namespace Convene.IntegrationTests.Cli;

/// <summary>The database commands on a fresh SQLite file of their own (no server).</summary>
public sealed class DbCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public DbCommandTests()
    {
        Connection = $"Data Source={Path.Combine(_cli.Folder, "db", "convene.db")}";
    }

    private string Connection { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }

    [Fact]
    public async Task DbMigrate_Twice_AppliesOnceThenNothing()
    {
        var first = (await _cli.RunAsync("db", "migrate", "--connection", Connection)).Succeeded();
        Assert.Contains("Applied 0001_initial", first.Stdout, StringComparison.Ordinal);

        var second = (await _cli.RunAsync("db", "migrate", "--connection", Connection, "--json")).Json;

        Assert.Equal(0, second.GetProperty("applied").GetArrayLength());
    }

    [Fact]
    public async Task DbMigrate_WithJson_ListsTheAppliedMigrations()
    {
        var json = (await _cli.RunAsync("db", "migrate", "--provider", "sqlite", "--connection", Connection, "--json")).Json;

        var first = json.GetProperty("applied").EnumerateArray().First();
        Assert.Equal(1, first.GetProperty("version").GetInt32());
        Assert.Equal("initial", first.GetProperty("name").GetString());
    }

    [Fact]
    public async Task AssociateAdd_Employee_IsListedWithJson()
    {
        await MigrateAsync();

        var added = (await _cli.RunAsync(
            "associate", "add", "--name", "Nina Nordmann", "--user", "nina", "--password", "secret", "--email", "nina@example.org", "--connection", Connection)).Succeeded();

        Assert.Matches(@"^Added employee \d+: Nina Nordmann \(user nina\)", added.Stdout);
        var list = (await _cli.RunAsync("associate", "list", "--json", "--connection", Connection)).Json;
        var nina = Assert.Single(list.EnumerateArray());
        Assert.Equal("nina", nina.GetProperty("userName").GetString());
        Assert.Equal("Employee", nina.GetProperty("kind").GetString());
        Assert.Equal("nina@example.org", nina.GetProperty("email").GetString());
        Assert.True(nina.GetProperty("active").GetBoolean());
        Assert.False(nina.GetProperty("isAdministrator").GetBoolean());
    }

    [Fact]
    public async Task AssociateAdd_Location_IsAResourceThatIsAPlace()
    {
        await MigrateAsync();

        var room = (await _cli.RunAsync("associate", "add", "--name", "Room Sild", "--location", "--json", "--connection", Connection)).Json;

        Assert.Equal("Resource", room.GetProperty("kind").GetString());
        Assert.True(room.GetProperty("isLocation").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, room.GetProperty("userName").ValueKind);
    }

    [Fact]
    public async Task AssociateEdit_ActiveFalse_DeactivatesAndMakesAdministrator()
    {
        await MigrateAsync();
        var id = (await _cli.RunAsync("associate", "add", "--name", "Ola", "--user", "ola", "--password", "secret", "--json", "--connection", Connection))
            .Json.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var edited = (await _cli.RunAsync("associate", "edit", id, "--active", "false", "--admin", "true", "--connection", Connection)).Succeeded();

        Assert.Contains("inactive", edited.Stdout, StringComparison.Ordinal);
        var ola = Assert.Single((await _cli.RunAsync("associate", "list", "--json", "--connection", Connection)).Json.EnumerateArray());
        Assert.False(ola.GetProperty("active").GetBoolean());
        Assert.True(ola.GetProperty("isAdministrator").GetBoolean());
    }

    [Fact]
    public async Task AssociateAdd_TakenUserName_ExitsSix()
    {
        await MigrateAsync();
        (await _cli.RunAsync("associate", "add", "--name", "Ola", "--user", "ola", "--password", "secret", "--connection", Connection)).Succeeded();

        var result = await _cli.RunAsync("associate", "add", "--name", "Ola Two", "--user", "OLA", "--password", "secret", "--connection", Connection);

        result.Failed(ExitCodes.Conflict, "associate.user_name_taken");
    }

    [Fact]
    public async Task AssociateAdd_PasswordFromEnvironment_AndConnectionFromEnvironment()
    {
        _cli.Environment["CONVENE_CONNECTION"] = Connection;
        _cli.Environment["CONVENE_DB_PROVIDER"] = "sqlite";
        _cli.Environment["CONVENE_PASSWORD"] = "from-env";
        await MigrateAsync();

        var json = (await _cli.RunAsync("associate", "add", "--name", "Env User", "--user", "envuser", "--json")).Json;

        Assert.Equal("envuser", json.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task AssociateEdit_Unknown_ExitsFive()
    {
        await MigrateAsync();

        (await _cli.RunAsync("associate", "edit", "4242", "--active", "false", "--connection", Connection)).Failed(ExitCodes.NotFound, "associate.not_found");
    }

    [Fact]
    public async Task AssociateAdd_InvalidInput_ExitsTwoWithTheCoreCode()
    {
        await MigrateAsync();

        (await _cli.RunAsync("associate", "add", "--name", "Short", "--user", "short", "--password", "x", "--connection", Connection))
            .Failed(ExitCodes.Usage, "associate.password_too_short");
    }

    [Fact]
    public async Task ContactAndPersonAdd_CreateACompanyWithAPerson()
    {
        await MigrateAsync();

        var contact = (await _cli.RunAsync("contact", "add", "--name", "Sild & Co", "--json", "--connection", Connection)).Json;
        var contactId = contact.GetProperty("id").GetInt32();
        var person = (await _cli.RunAsync(
            "person", "add", "--contact", contactId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--name", "Per Sild", "--email", "per@sild.example", "--json", "--connection", Connection)).Json;

        Assert.Equal("Sild & Co", contact.GetProperty("name").GetString());
        Assert.Equal(contactId, person.GetProperty("contactId").GetInt32());
        Assert.Equal("per@sild.example", person.GetProperty("email").GetString());
    }

    [Fact]
    public async Task PersonAdd_UnknownContact_ExitsTwo()
    {
        await MigrateAsync();

        (await _cli.RunAsync("person", "add", "--contact", "77", "--name", "Nobody", "--connection", Connection)).Failed(ExitCodes.Usage, "person.unknown_contact");
    }

    [Fact]
    public async Task AssociateList_WithoutDatabase_ExitsFiveAndCreatesNoFile()
    {
        var result = await _cli.RunAsync("associate", "list", "--connection", Connection);

        result.Failed(ExitCodes.NotFound, "db.not_found");
        Assert.False(File.Exists(Path.Combine(_cli.Folder, "db", "convene.db")));
    }

    [Fact]
    public async Task DbMigrate_UnknownProvider_IsAUsageError()
    {
        (await _cli.RunAsync("db", "migrate", "--provider", "oracle")).Failed(ExitCodes.Usage, "usage");
    }

    private async Task MigrateAsync() =>
        (await _cli.RunAsync("db", "migrate", "--connection", Connection)).Succeeded();
}
