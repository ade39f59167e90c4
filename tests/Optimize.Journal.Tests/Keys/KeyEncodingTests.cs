using FsCheck;
using FsCheck.Fluent;
using Optimize.Journal.Tables.Keys;

namespace Optimize.Journal.Tests.Keys;

public sealed class KeyEncodingTests
{
    public static TheoryData<string> NastyIds => new()
    {
        "/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm-1",
        @"back\slash#hash?question/slash",
        "\u0000nul\u0001\u001f\u007f\u0085\u009f",
        "100%|pipe%7C|%",
        "already|encoded%2F/then",
        "ünïcødé/名前/𝄞",
        "'quote' and \"double\" and ~tilde",
        "trailing/",
    };

    [Theory]
    [MemberData(nameof(NastyIds))]
    public void Encode_NastyId_RoundTripsWithoutForbiddenCharacters(string id)
    {
        var key = KeyEncoding.Encode(id);

        Assert.Equal(id, KeyEncoding.Decode(key));
        Assert.DoesNotContain(key, c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
    }

    [Fact]
    public void Encode_AnyNonEmptyString_RoundTripsWithoutForbiddenCharacters()
    {
        Prop.ForAll<NonEmptyString>(s =>
        {
            var key = KeyEncoding.Encode(s.Get);
            return KeyEncoding.Decode(key) == s.Get && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Encode_DistinctStrings_GiveDistinctKeys()
    {
        Prop.ForAll<NonEmptyString, NonEmptyString>((a, b) =>
            a.Get == b.Get || KeyEncoding.Encode(a.Get) != KeyEncoding.Encode(b.Get)).QuickCheckThrowOnFailure();
        Assert.NotEqual(KeyEncoding.Encode("a/b"), KeyEncoding.Encode("a|b"));
    }

    [Fact]
    public void ForResource_SameIdInAnotherCase_GivesSameKey()
    {
        Assert.Equal(
            KeyEncoding.ForResource("/subscriptions/S/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/VM1"),
            KeyEncoding.ForResource("/subscriptions/s/resourcegroups/rg/providers/microsoft.compute/virtualmachines/vm1"));
    }

    [Fact]
    public void ForResource_ArmId_IsReadable()
    {
        Assert.Equal("|subscriptions|s|resourcegroups|rg", KeyEncoding.ForResource("/subscriptions/S/resourceGroups/RG"));
    }

    [Theory]
    [InlineData("%")]
    [InlineData("abc%4")]
    [InlineData("%G1")]
    public void Decode_MalformedEscape_ThrowsFormatException(string key)
    {
        Assert.Throws<FormatException>(() => KeyEncoding.Decode(key));
    }

    [Fact]
    public void ForResource_KeyLongerThanLimit_ThrowsNamingLimit()
    {
        var ex = Assert.Throws<ArgumentException>(() => KeyEncoding.ForResource(new string('#', 400)));

        Assert.Contains("1024", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Encode_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => KeyEncoding.Encode(string.Empty));
    }
}
