using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Cli;

/// <summary>`convene db migrate` and the directory commands on PostgreSQL (a fresh database of the test cluster).</summary>
public sealed class PostgresDbCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task DbMigrate_OnPostgres_AppliesEveryMigrationOnce_ThenAddsAnAssociate()
    {
        var cluster = await PostgresCluster.GetAsync();
        if (cluster.Unavailable is { } reason)
        {
            Assert.True(Environment.GetEnvironmentVariable("CI") != "true", $"CI=true but PostgreSQL is unavailable: {reason}");
            Assert.Skip(reason);
        }

        var connection = await cluster.CreateDatabaseAsync();

        var first = (await _cli.RunAsync("db", "migrate", "--provider", "postgres", "--connection", connection, "--json")).Json;
        var second = (await _cli.RunAsync("db", "migrate", "--provider", "postgres", "--connection", connection, "--json")).Json;
        (await _cli.RunAsync("associate", "add", "--name", "Ola Nordmann", "--user", "ola", "--password", "secret-pw", "--provider", "postgres", "--connection", connection)).Succeeded();
        var list = (await _cli.RunAsync("associate", "list", "--json", "--provider", "postgres", "--connection", connection)).Json;

        Assert.Equal(Convene.Persistence.DatabaseMigrator.Migrations(Convene.Persistence.DatabaseProvider.Postgres).Count, first.GetProperty("applied").GetArrayLength());
        Assert.Equal(0, second.GetProperty("applied").GetArrayLength());
        Assert.Contains(list.EnumerateArray(), a => a.GetProperty("userName").GetString() == "ola");
    }
}
