using System.Text.Json;
using Optimize.Azure.Http;
using Optimize.Changes;

namespace Optimize.Azure.Tests.Http;

public sealed class ArmErrorMapperTests
{
    [Theory]
    [InlineData(409, ChangeFailureKinds.Conflict)]
    [InlineData(412, ChangeFailureKinds.Conflict)]
    [InlineData(429, ChangeFailureKinds.Throttled)]
    [InlineData(529, ChangeFailureKinds.Throttled)]
    [InlineData(404, ChangeFailureKinds.NotFound)]
    [InlineData(403, ChangeFailureKinds.Forbidden)]
    [InlineData(401, ChangeFailureKinds.Forbidden)]
    [InlineData(400, ChangeFailureKinds.InvalidTarget)]
    [InlineData(500, ChangeFailureKinds.Transient)]
    [InlineData(503, ChangeFailureKinds.Transient)]
    [InlineData(408, ChangeFailureKinds.Transient)]
    [InlineData(418, ChangeFailureKinds.Unexpected)]
    public void FromStatus_Status_Kind(int status, string kind)
    {
        var failure = ArmErrorMapper.FromStatus(status, "{\"error\":{\"code\":\"C\",\"message\":\"M\"}}", "PATCH x", ArmActions.SiteWrite);

        Assert.Equal(kind, failure.Kind);
        Assert.Contains("PATCH x", failure.Message, StringComparison.Ordinal);
        Assert.Contains("C M", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromStatus_403_NamesTheAction()
    {
        var failure = ArmErrorMapper.FromStatus(403, null, "PATCH site", ArmActions.SiteWrite);

        Assert.Contains("'Microsoft.Web/sites/write'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromException_Json_UnexpectedMalformed()
    {
        var failure = ArmErrorMapper.FromException(new JsonException("bad"), "GET x", ArmActions.SiteRead);

        Assert.Equal(ChangeFailureKinds.Unexpected, failure.Kind);
        Assert.Contains("malformed JSON", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromException_AggregateOfRequestFailures_UsesTheLast()
    {
        var failure = ArmErrorMapper.FromException(
            new AggregateException(new global::Azure.RequestFailedException(0, "reset"), new global::Azure.RequestFailedException(503, "busy")), "GET x", ArmActions.SiteRead);

        Assert.Equal(ChangeFailureKinds.Transient, failure.Kind);
    }
}
