using System.Net;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Api;

public abstract class SmokeTests(ConveneApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task OpenApiDocument_IsServed()
    {
        using var client = App.CreateClient();
        var doc = await (await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/appointments", out _));
    }
}

public sealed class SmokeTests_Sqlite(ConveneApp app) : SmokeTests(app), IClassFixture<ConveneApp>;

public sealed class SmokeTests_Postgres(PostgresConveneApp app) : SmokeTests(app), IClassFixture<PostgresConveneApp>;
