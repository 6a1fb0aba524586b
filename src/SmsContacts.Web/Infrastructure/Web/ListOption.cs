namespace SmsContacts.Web.Infrastructure.Web;

/// <summary>A list as a page offers it to pick (a select's option, a checkbox): its id and name.</summary>
public sealed record ListOption(int Id, string Name);
