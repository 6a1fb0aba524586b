namespace SmsContacts.Web.Infrastructure.Sms;

/// <summary>
/// The outbound queue (Messages with Status Queued), as the features that add to it see it: they ask for it to be sent
/// soon, rather than at the next minute's sweep. Implemented by Features/Outbound, so that no feature uses another.
/// </summary>
public interface IOutboundQueue
{
    /// <summary>Starts a run of the sender now. A failure to start it is logged, not thrown: the minute's sweep sends the texts anyway.</summary>
    void SendSoon();
}
