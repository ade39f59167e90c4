using FsCheck;
using FsCheck.Fluent;
using Optimize.Policy.Serialization;

namespace Optimize.Core.Tests.Policy.Serialization;

public sealed class DurationJsonConverterTests
{
    [Theory]
    [InlineData("30s", 0, 0, 30)]
    [InlineData("15m", 0, 15, 0)]
    [InlineData("4h", 4, 0, 0)]
    [InlineData("14d", 336, 0, 0)]
    [InlineData("PT15M", 0, 15, 0)]
    [InlineData("P14D", 336, 0, 0)]
    [InlineData("P1DT2H3M4S", 26, 3, 4)]
    public void Parse_BothForms_ReadsDuration(string text, int hours, int minutes, int seconds)
    {
        Assert.Equal(new TimeSpan(hours, minutes, seconds), DurationJsonConverter.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("15")]
    [InlineData("15w")]
    [InlineData("-5m")]
    [InlineData("P")]
    [InlineData("99999999999999d")]
    public void Parse_Invalid_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => DurationJsonConverter.Parse(text));
    }

    [Theory]
    [InlineData(0, 0, 0, 30, "30s")]
    [InlineData(0, 0, 90, 0, "90m")]
    [InlineData(0, 36, 0, 0, "36h")]
    [InlineData(400, 0, 0, 0, "400d")]
    [InlineData(0, 0, 0, 0, "0s")]
    public void Format_WholeUnit_UsesLargestUnit(int days, int hours, int minutes, int seconds, string expected)
    {
        Assert.Equal(expected, DurationJsonConverter.Format(new TimeSpan(days, hours, minutes, seconds)));
    }

    [Fact]
    public void Format_AnyDuration_ParsesBack()
    {
        Prop.ForAll<int>(n =>
        {
            var value = TimeSpan.FromMilliseconds(Math.Abs((long)n) * 250);
            return DurationJsonConverter.Parse(DurationJsonConverter.Format(value)) == value;
        }).QuickCheckThrowOnFailure();
    }
}
