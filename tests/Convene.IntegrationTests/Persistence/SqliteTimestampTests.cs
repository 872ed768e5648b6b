using System.Globalization;
using Convene.Persistence.Stores;
using NodaTime;

namespace Convene.IntegrationTests.Persistence;

/// <summary>The SQLite readers parse stored instants themselves (AdoQuery.GetInstant); they must agree with DateTime.Parse.</summary>
public sealed class SqliteTimestampTests
{
    [Theory]
    [InlineData("2027-01-04 12:00:00")]
    [InlineData("2027-01-04 12:00:00.5")]
    [InlineData("2024-02-29 23:59:59.9999999")]
    [InlineData("0001-01-01 00:00:00")]
    [InlineData("9999-12-31 23:59:59.1234567")]
    [InlineData("2031-06-02 07:30:00.0012")]
    public void TryParse_ReadsWhatEfCoreWrites_AsDateTimeParseDoes(string text)
    {
        Assert.True(SqliteTimestamp.TryParse(text, out var instant));
        var expected = DateTime.SpecifyKind(DateTime.Parse(text, CultureInfo.InvariantCulture), DateTimeKind.Utc);
        Assert.Equal(Instant.FromDateTimeUtc(expected), instant);
    }

    [Fact]
    public void TryParse_RoundTrips_TheFormatOfEfCoresSqliteProvider()
    {
        var random = new Random(8);
        for (var i = 0; i < 10_000; i++)
        {
            var value = new DateTime(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), DateTimeKind.Utc);
            if (i % 3 == 0)
            {
                value = value.AddTicks(-(value.Ticks % TimeSpan.TicksPerSecond)); // whole seconds: no fraction written
            }

            // Microsoft.EntityFrameworkCore.Sqlite's DateTime format.
            var text = value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);
            Assert.True(SqliteTimestamp.TryParse(text, out var instant), text);
            Assert.Equal(Instant.FromDateTimeUtc(value), instant);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("2027-01-04")]
    [InlineData("2027-01-04T12:00:00")]
    [InlineData("2027-01-04 12:00:00Z")]
    [InlineData("2027-01-04 12:00:00.")]
    [InlineData("2027-01-04 12:00:00.12345678")]
    [InlineData("2027-02-29 12:00:00")]
    [InlineData("2027-13-01 12:00:00")]
    [InlineData("2027-01-04 24:00:00")]
    [InlineData("2027-01-04 12:60:00")]
    [InlineData("2027-01-04 12:00:60")]
    [InlineData("0000-01-04 12:00:00")]
    [InlineData("2027-0a-04 12:00:00")]
    [InlineData("2027-01-04 12:00:00+01:00")]
    public void TryParse_LeavesAnythingElse_ToTheProvider(string text) => Assert.False(SqliteTimestamp.TryParse(text, out _));
}
