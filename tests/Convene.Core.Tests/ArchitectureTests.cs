using Convene.Core.Appointments;

namespace Convene.Core.Tests;

public sealed class ArchitectureTests
{
    [Fact]
    public void Core_ReferencesNeitherEntityFrameworkNorAspNetCore()
    {
        var references = typeof(Meeting).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Contains("NodaTime", references);
    }
}
