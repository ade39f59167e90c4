using FsCheck;
using FsCheck.Fluent;
using Optimize.Journal;

namespace Optimize.Tests.Journal;

/// <summary>The shared limits, by Azure's "Understanding the Table service data model": keys 1 KiB (512 UTF-16
/// characters) without / \ # ? or control characters; strings 64 KiB (32,768 characters).</summary>
public sealed class TableStoreLimitsTests
{
    [Fact]
    public void Fit_40000Chars_32768WithMarkerNamingOriginalLength()
    {
        var fitted = TableStoreLimits.Fit(new string('a', 40_000));

        Assert.Equal(32_768, fitted.Length);
        Assert.EndsWith("… [truncated, 40000 chars]", fitted, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_AtLimit_Unchanged()
    {
        var value = new string('a', 32_768);

        Assert.Same(value, TableStoreLimits.Fit(value));
    }

    [Fact]
    public void Fit_CutWouldSplitSurrogatePair_KeepsPairWhole()
    {
        var marker = "… [truncated, 100 chars]";
        var value = new string('a', 64 - marker.Length - 1) + "𝄞" + new string('b', 100 - (64 - marker.Length + 1));

        var fitted = TableStoreLimits.Fit(value, 64);

        Assert.Equal(63, fitted.Length);
        Assert.False(char.IsHighSurrogate(fitted[^(marker.Length + 1)]));
    }

    [Fact]
    public void Fit_AnyString_AtMostLimitAndPrefixOfOriginal()
    {
        Prop.ForAll<NonNull<string>, PositiveInt>((s, extra) =>
        {
            var value = s.Get + new string('x', extra.Get % 200);
            var fitted = TableStoreLimits.Fit(value, 64);
            var kept = fitted.Length == value.Length ? fitted : fitted[..fitted.LastIndexOf("… [truncated", StringComparison.Ordinal)];
            return fitted.Length <= 64 && value.StartsWith(kept, StringComparison.Ordinal);
        }).QuickCheckThrowOnFailure();
    }

    [Theory]
    [InlineData(512, true)]
    [InlineData(513, false)]
    [InlineData(1024, false)]
    public void CheckKey_Length_512UtfSixteenCharactersIsTheLimit(int length, bool accepted)
    {
        var key = new string('k', length);

        if (accepted)
        {
            Assert.Equal(key, TableStoreLimits.CheckKey(key, "test"));
        }
        else
        {
            Assert.Contains($"{length * 2} bytes in UTF-16", Assert.Throws<ArgumentException>(() => TableStoreLimits.CheckKey(key, "test")).Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    [InlineData("a\u0085b")]
    public void CheckKey_ForbiddenCharacter_Throws(string key)
    {
        Assert.Throws<ArgumentException>(() => TableStoreLimits.CheckKey(key, "test"));
    }

    [Fact]
    public void ForId_492Chars_Fits_493Throws()
    {
        Assert.Equal(492, TableKeys.ForId(new string('i', 492)).Length);
        Assert.Throws<ArgumentException>(() => TableKeys.ForId(new string('i', 493)));
    }

    [Fact]
    public void ForId_EncodedLengthCounts_170SlashesIsTooLong()
    {
        // '#' encodes to %23: 170 of them are 510 characters, over 492.
        Assert.Throws<ArgumentException>(() => TableKeys.ForId(new string('#', 170)));
    }
}
