using Microsoft.Extensions.Options;
using SmsContacts.Web.Features.Inbound;
using SmsContacts.Web.Infrastructure.Sms;

namespace SmsContacts.Tests.Features.Inbound;

public sealed class InboundBodyTests
{
    [Theory]
    [InlineData("STOP", "STOP")]
    [InlineData("  stop\r\n", "STOP")]
    [InlineData("Stop!!!", "STOP")]
    [InlineData("...opt    OUT...", "OPT OUT")]
    [InlineData("\"Yes\"", "YES")]
    [InlineData("y", "Y")]
    [InlineData("join vip", "JOIN VIP")]
    [InlineData("👍", null)]
    [InlineData("   ", null)]
    [InlineData("", null)]
    public void KeywordOf_IgnoresCaseSurroundingSpacesAndPunctuation(string body, string? keyword) =>
        Assert.Equal(keyword, InboundBody.KeywordOf(body));

    [Fact]
    public void KeywordOf_ALongMessage_IsNoKeyword() =>
        Assert.Null(InboundBody.KeywordOf("Hi, I would like to know more about the offer you sent me yesterday"));

    [Theory]
    [InlineData("AC0123", "Twilio:AccountSid must be AC followed by 32 hexadecimal digits")]
    [InlineData("AC0123456789abcdef0123456789abcdef", "Twilio:AuthToken is empty")]
    public void TwilioOptions_ThatCannotWork_AreRefusedAtStart(string accountSid, string error)
    {
        var result = new TwilioOptionsValidator().Validate(null, new TwilioOptions { AccountSid = accountSid });

        Assert.True(result.Failed);
        Assert.Contains(error, result.FailureMessage);
    }

    [Fact]
    public async Task TwilioOptions_ThatCannotWork_StopTheAppFromStarting()
    {
        await using var app = new SmsContacts.Tests.Infrastructure.AppFactory(new() { ["Twilio:AccountSid"] = "not-a-sid" });

        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains("Twilio:AccountSid", error.Message);
    }

    [Fact]
    public void TwilioOptions_Empty_AreValid_AndSendNothing()
    {
        var options = new TwilioOptions();

        Assert.Equal(ValidateOptionsResult.Success, new TwilioOptionsValidator().Validate(null, options));
        Assert.False(options.CanSend);
    }
}
