using Azure.Data.Tables;
using Optimize.Journal.Tables.Entities;

namespace Optimize.Journal.Tests.Entities;

public sealed class JsonColumnsTests
{
    [Fact]
    public void Write_ShortJson_OneProperty()
    {
        var entity = new TableEntity("p", "r");

        JsonColumns.Write(entity, "Plan", "{\"a\":1}");

        Assert.Equal("{\"a\":1}", entity.GetString("Plan"));
        Assert.False(entity.ContainsKey("Plan_Parts"));
    }

    [Fact]
    public void Write_100000Characters_FourNumberedPartsThatRejoinExactly()
    {
        // 100,000 / 32,768 = 3.05 → parts of 32768, 32768, 32768 and 1696 characters.
        var json = string.Concat(Enumerable.Range(0, 100_000).Select(i => (char)('a' + (i % 26))));
        var entity = new TableEntity("p", "r");

        JsonColumns.Write(entity, "Plan", json);

        Assert.Equal(4, entity.GetInt32("Plan_Parts"));
        Assert.Equal(1696, entity.GetString("Plan_3").Length);
        Assert.False(entity.ContainsKey("Plan"));
        Assert.Equal(json, JsonColumns.Read(entity, "Plan"));
    }

    [Fact]
    public void Write_SurrogatePairOnBoundary_KeepsPairInOnePart()
    {
        var json = new string('x', JsonColumns.ChunkLength - 1) + "𝄞" + "tail";
        var entity = new TableEntity("p", "r");

        JsonColumns.Write(entity, "Evidence", json);

        Assert.Equal(JsonColumns.ChunkLength - 1, entity.GetString("Evidence_0").Length);
        Assert.StartsWith("𝄞", entity.GetString("Evidence_1"), StringComparison.Ordinal);
        Assert.Equal(json, JsonColumns.Read(entity, "Evidence"));
    }

    [Fact]
    public void Read_MissingPart_ThrowsNamingIt()
    {
        var entity = new TableEntity("p", "r") { ["Plan_Parts"] = 2, ["Plan_0"] = "{" };

        var ex = Assert.Throws<InvalidDataException>(() => JsonColumns.Read(entity, "Plan"));

        Assert.Contains("Plan_1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Absent_Null()
    {
        Assert.Null(JsonColumns.Read(new TableEntity("p", "r"), "Captured"));
    }
}
