using Microsoft.Extensions.Options;
using SmsContacts.Web.Infrastructure.Sms;

namespace SmsContacts.Tests.Features.Inbound;

public sealed class TwilioOptionsTests
{
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
