using Convene.IntegrationTests.Infrastructure;
using Convene.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Convene.IntegrationTests.Persistence;

/// <summary>
/// The server lets Npgsql prepare repeated statements (ADR 0024) unless the connection string says otherwise, and the
/// prepared statements are really used: the API keeps answering while PostgreSQL reports them.
/// </summary>
public sealed class PostgresAutoPrepareTests(PostgresConveneApp app) : ApiTestBase(app), IClassFixture<PostgresConveneApp>
{
    [Fact]
    public async Task ServerConnections_PrepareRepeatedStatements_AndStillAnswer()
    {
        var meetings = await MeetingFlows.RunAsync(App);
        Assert.NotEmpty(meetings);

        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConveneDbContext>();
        var settings = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        Assert.Equal(128, settings.MaxAutoPrepare);
        Assert.Equal(2, settings.AutoPrepareMinUsages);

        // The same query three times on one connection: from the second use on it is a prepared statement.
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
        for (var i = 0; i < 3; i++)
        {
            _ = await db.Appointments.AsNoTracking().CountAsync(a => a.MotherId == meetings[0], TestContext.Current.CancellationToken);
        }

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT count(*) FROM pg_prepared_statements";
        Assert.True((long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! > 0);
        await db.Database.CloseConnectionAsync();
    }

    [Fact]
    public void ConnectionString_ThatSetsMaxAutoPrepare_IsLeftAsItIs()
    {
        Assert.Equal("Host=db;Max Auto Prepare=0", ServiceCollectionExtensions.WithAutoPrepare("Host=db;Max Auto Prepare=0"));
    }
}
