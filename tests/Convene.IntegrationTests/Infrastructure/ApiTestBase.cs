namespace Convene.IntegrationTests.Infrastructure;

/// <summary>
/// Base of the integration tests that run on every database: the concrete classes name the provider
/// (<c>FooTests_Sqlite</c>, <c>FooTests_Postgres</c>). Skips, with the reason, when the database server is missing
/// outside CI.
/// </summary>
public abstract class ApiTestBase
{
    protected ApiTestBase(ConveneApp app)
    {
        App = app;
        if (app.SkipReason is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    protected ConveneApp App { get; }
}
