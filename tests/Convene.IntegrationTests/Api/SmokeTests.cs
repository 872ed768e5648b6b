using System.Net;
using Convene.IntegrationTests.Infrastructure;

namespace Convene.IntegrationTests.Api;

public sealed class SmokeTests(ConveneApp app) : IClassFixture<ConveneApp>
{
    [Fact]
    public async Task OpenApiDocument_IsServed()
    {
        using var client = app.CreateClient();
        var doc = await (await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken)).JsonAsync(HttpStatusCode.OK);
        Assert.True(doc.GetProperty("paths").TryGetProperty("/api/v1/appointments", out _));
    }
}
