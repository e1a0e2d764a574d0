using System.Net;
using EscalationForecast.Api.Alerts.Delivering;

namespace EscalationForecast.Api.Tests.Alerts.Delivering;

/// <summary>
/// The outbound guard on real connections: a real receiver listens on 127.0.0.1, and the webhook client (the
/// handler the service builds) is pointed at it by every spelling of an internal address. Each must be refused
/// before a byte leaves, and reach the receiver only when the allow-list names its host.
/// </summary>
public sealed class OutboundGuardTests
{
    [Theory]
    [InlineData("127.0.0.1"), InlineData("127.255.1.2"), InlineData("0.0.0.0"), InlineData("0.1.2.3"), InlineData("10.1.2.3")]
    [InlineData("100.64.0.1"), InlineData("169.254.169.254"), InlineData("172.16.0.1"), InlineData("172.31.255.255")]
    [InlineData("192.168.1.1"), InlineData("192.0.0.8"), InlineData("198.18.0.1"), InlineData("224.0.0.1"), InlineData("239.255.255.250")]
    [InlineData("240.0.0.1"), InlineData("255.255.255.255")]
    [InlineData("::"), InlineData("::1"), InlineData("::ffff:127.0.0.1"), InlineData("::ffff:10.0.0.1"), InlineData("::ffff:169.254.169.254")]
    [InlineData("::127.0.0.1"), InlineData("64:ff9b::7f00:1"), InlineData("64:ff9b::a9fe:a9fe"), InlineData("2002:7f00:1::"), InlineData("2002:c0a8:101::1")]
    [InlineData("fc00::1"), InlineData("fd12:3456::1"), InlineData("fe80::1"), InlineData("fe80::1%1"), InlineData("fec0::1")]
    [InlineData("ff02::1"), InlineData("ff05::2"), InlineData("100::1"), InlineData("2001:db8::1")]
    public void Internal_addresses_of_every_range_and_form_are_internal(string address) =>
        Assert.True(InternalAddresses.IsInternal(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("8.8.8.8"), InlineData("1.1.1.1"), InlineData("100.63.255.255"), InlineData("100.128.0.1"), InlineData("172.15.255.255")]
    [InlineData("172.32.0.1"), InlineData("192.169.0.1"), InlineData("198.20.0.1"), InlineData("223.255.255.255")]
    [InlineData("2606:4700:4700::1111"), InlineData("2001:4860:4860::8888"), InlineData("::ffff:8.8.8.8"), InlineData("64:ff9b::808:808")]
    [InlineData("2002:808:808::1")]
    public void Public_addresses_are_not(string address) =>
        Assert.False(InternalAddresses.IsInternal(IPAddress.Parse(address)), address);

    /// <summary>Host spellings that reach 127.0.0.1 (or this machine): literals, integer and short forms, mapped, names.</summary>
    public static TheoryData<string> LoopbackSpellings => new()
    {
        "127.0.0.1", "127.1", "2130706433", "0x7f000001", "0177.0.0.1", "0.0.0.0", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]",
        "[::127.0.0.1]", "[::1]", "[::]", "[64:ff9b::127.0.0.1]", "[2002:7f00:1::]", "localhost", "localhost.", "LOCALHOST",
        Dns.GetHostName(), // this machine's own name resolves to one of its addresses: loopback or private
    };

    [Theory]
    [MemberData(nameof(LoopbackSpellings))]
    public async Task A_webhook_to_an_internal_address_is_refused_by_every_spelling_before_it_connects(string host)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.Url).Port;
        using var client = new HttpClient(new OutboundGuard([]).Handler());

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() =>
            client.PostAsync($"http://{host}:{port}/hook", new StringContent("{}"), TestContext.Current.CancellationToken));
        Assert.IsType<OutboundRefused>(failure.InnerException);
        Assert.Empty(receiver.Calls);
    }

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("localhost", "localhost")]
    [InlineData("localhost", "LocalHost.")]
    [InlineData("localhost.", "localhost")]
    [InlineData("localhost", "*.localhost")] // a wildcard admits subdomains only
    public async Task A_host_named_in_the_allow_list_is_reached_even_when_internal(string host, string allowed)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var port = new Uri(receiver.Url).Port;
        using var client = new HttpClient(new OutboundGuard([allowed]).Handler());
        var send = () => client.PostAsync($"http://{host}:{port}/hook", new StringContent("""{"alertId":"a1"}"""), TestContext.Current.CancellationToken);

        if (allowed.StartsWith("*.", StringComparison.Ordinal))
        {
            Assert.IsType<OutboundRefused>((await Assert.ThrowsAsync<HttpRequestException>(send)).InnerException);
            return;
        }
        using var response = await send();
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Single(receiver.Calls);
    }

    [Fact]
    public async Task The_address_connected_to_is_the_one_judged_with_no_second_lookup()
    {
        var guard = new OutboundGuard([]);
        var refused = await Assert.ThrowsAsync<OutboundRefused>(() => guard.PermittedAsync("[::ffff:169.254.169.254]", TestContext.Current.CancellationToken));
        Assert.Contains("Alerting:AllowedWebhookHosts", refused.Message);
        // A public literal is passed through as itself: the socket connects to exactly these addresses.
        Assert.Equal([IPAddress.Parse("8.8.8.8")], await guard.PermittedAsync("8.8.8.8", TestContext.Current.CancellationToken));
    }
}
