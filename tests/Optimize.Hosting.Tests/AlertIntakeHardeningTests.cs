using System.Text;
using System.Text.Json;
using Optimize.Azure.Alerts;
using Optimize.Changes;
using Optimize.Workflow;
using Optimize.Workflow.Hosting;

namespace Optimize.Hosting.Tests;

/// <summary>Alert intake under hostile or odd input: refused with a clear status, nothing changed, every call audited.</summary>
public sealed class AlertIntakeHardeningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HandleAsync_DeclaredLengthOverTheCap_413WithoutReadingTheBody()
    {
        await using var loop = await HostingLoop.StartAsync();
        await using var body = new CountingStream(new MemoryStream(new byte[16]));

        var result = await loop.Alerts.HandleAsync(body, 100L * 1024 * 1024, loop.Host, Ct);

        Assert.Equal(413, result.StatusCode);
        Assert.Contains("larger than Optimize accepts (1,048,576 bytes", Assert.IsType<ApiError>(result.Body).Error, StringComparison.Ordinal);
        Assert.Equal(0, body.BytesRead);
        Assert.Equal("rejected", Assert.Single(await loop.PassesAsync()).Status);
        Assert.Empty(loop.Host.Starts);
    }

    [Fact]
    public async Task HandleAsync_UndeclaredBodyOverTheCap_413AfterReadingOneBytePastIt()
    {
        await using var loop = await HostingLoop.StartAsync();
        await using var body = new CountingStream(new MemoryStream(new byte[5 * 1024 * 1024]));

        var result = await loop.Alerts.HandleAsync(body, declaredLength: null, loop.Host, Ct);

        Assert.Equal(413, result.StatusCode);
        Assert.InRange(body.BytesRead, AlertBody.DefaultMaxBytes + 1, AlertBody.DefaultMaxBytes + 16 * 1024);
        Assert.Empty(loop.Host.Starts);
    }

    [Fact]
    public async Task HandleAsync_BodyNotUtf8_400()
    {
        await using var loop = await HostingLoop.StartAsync();
        await using var body = new MemoryStream([0x7b, 0xff, 0xfe, 0x7d]);

        var result = await loop.Alerts.HandleAsync(body, 4, loop.Host, Ct);

        Assert.Equal(400, result.StatusCode);
        Assert.Contains("not UTF-8", Assert.IsType<ApiError>(result.Body).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_StreamUnderTheCap_RoutedAsTheStringForm()
    {
        await using var loop = await HostingLoop.StartAsync();
        var id = loop.Plan().Resource.Id;
        var bytes = Encoding.UTF8.GetBytes(AlertPayloads.For(AlertPayloads.Minimal, id, HostingLoop.Start));
        await using var body = new MemoryStream(bytes);

        var result = await loop.Alerts.HandleAsync(body, bytes.Length, loop.Host, Ct);

        Assert.Equal(202, result.StatusCode);
        Assert.Equal((WorkflowNames.AlertRemediation, InstanceIds.ForAlert(id)), Assert.Single(loop.Host.Starts));
    }

    [Fact]
    public async Task HandleAsync_DuplicateKeys_400AndNothingStarts()
    {
        await using var loop = await HostingLoop.StartAsync();
        var id = loop.Plan().Resource.Id;
        var body = AlertPayloads.For(AlertPayloads.Minimal, id, HostingLoop.Start).Replace("\"alertRule\":", "\"alertRule\":\"x\",\"alertRule\":", StringComparison.Ordinal);

        var result = await loop.Alerts.HandleAsync(body, loop.Host, Ct);

        Assert.Equal(400, result.StatusCode);
        Assert.Empty(loop.Host.Starts);
    }

    [Fact]
    public async Task HandleAsync_AlertFiredBeforeTheChangeWasPlanned_IgnoredWithTheReason()
    {
        await using var loop = await HostingLoop.StartAsync();
        var resource = loop.Plan();
        await loop.StartChangeAsync(resource, approval: false);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(40));

        var tenDaysBefore = HostingLoop.Start - TimeSpan.FromDays(10);
        var result = await loop.Alerts.HandleAsync(AlertPayloads.For(AlertPayloads.Minimal, resource.Resource.Id, tenDaysBefore), loop.Host, Ct);
        await loop.RunAsync();

        var target = Assert.Single(Targets(result));
        Assert.Equal("ignored", target.Action);
        Assert.Contains("before change chg-1 was planned at 2026-03-02 02:00:00Z: not caused by it", target.Reason, StringComparison.Ordinal);
        Assert.Empty(loop.Host.Events);
        Assert.Equal(ChangeState.Promoted, (await loop.ChangeAsync()).State);
    }

    [Fact]
    public async Task HandleAsync_FortyThousandCharacterRuleNameOnAChangeInFlight_ChangeRollsBackAndIsJournaled()
    {
        await using var loop = await HostingLoop.StartAsync();
        var resource = loop.Plan();
        var plan = await loop.StartChangeAsync(resource, approval: false);
        await loop.RunAsync(HostingLoop.Start + TimeSpan.FromMinutes(40));
        var body = AlertPayloads.For(AlertPayloads.Minimal, resource.Resource.Id, loop.Time.GetUtcNow())
            .Replace("\"cpu-high\"", "\"" + new string('r', 40_000) + "\"", StringComparison.Ordinal);

        var result = await loop.Alerts.HandleAsync(body, loop.Host, Ct);
        await loop.RunAsync();

        Assert.Equal(202, result.StatusCode);
        var change = await loop.ChangeAsync();
        Assert.Equal(ChangeState.RolledBack, change.State);
        // Bounded by the parser's caps, far below Table Storage's 32K characters per property.
        Assert.InRange(change.Outcome.Length, AlertPayloadParser.MaxRuleNameLength, AlertPayloadParser.MaxRuleNameLength + AlertPayloadParser.MaxDescriptionLength + 200);
        Assert.Equal(plan.Baseline, (await loop.Config.ReadAsync(resource.Resource, Ct)).Config);
    }

    [Fact]
    public void AuditId_TenThousandInOneSecond_AllDistinctAndSortableByTime()
    {
        var at = HostingLoop.Start;
        var ids = Enumerable.Range(0, 10_000).Select(i => AlertIntake.AuditId(at.AddTicks(i))).ToList();

        Assert.Equal(10_000, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.StartsWith("alert-20260302T020000Z-", id, StringComparison.Ordinal));
        Assert.True(string.CompareOrdinal(AlertIntake.AuditId(at), AlertIntake.AuditId(at.AddSeconds(1))) < 0);
    }

    [Fact]
    public async Task HandleAsync_StormOf10000AlertsOver100Resources_EveryCallAuditedOneRemediationEach()
    {
        await using var loop = await HostingLoop.StartAsync(fleetSize: 120);
        var ids = loop.Fleet.Resources.Select(r => r.Resource.Id).Where(id => ResourceKinds.FromResourceId(id) is not null).Take(100).ToArray();
        Assert.Equal(100, ids.Length);

        for (var i = 0; i < 10_000; i++)
        {
            var result = await loop.Alerts.HandleAsync(AlertPayloads.For(AlertPayloads.Minimal, ids[i % ids.Length], HostingLoop.Start), loop.Host, Ct);
            Assert.Equal(202, result.StatusCode);
        }

        var audited = 0;
        await foreach (var _ in loop.Memory.ListPassesAsync(new Journal.HistoryQuery(Limit: 20_000), Ct))
        {
            audited++;
        }

        Assert.Equal(10_000, audited);
        Assert.Equal(100, loop.Host.Starts.Count);
        Assert.All(loop.Host.Starts.GroupBy(s => s.InstanceId), g => Assert.Single(g));
    }

    private static List<AlertTargetOutcome> Targets(ApiResult result) =>
        [.. JsonSerializer.SerializeToElement(result.Body).GetProperty("targets").EnumerateArray().Select(t => t.Deserialize<AlertTargetOutcome>()!)];

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
