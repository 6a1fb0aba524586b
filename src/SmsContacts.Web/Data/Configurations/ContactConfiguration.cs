using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable(t =>
        {
            foreach (var trigger in GridTriggers.OnContacts)
            {
                t.HasTrigger(trigger);
            }
        });
        builder.Property(c => c.Phone).HasMaxLength(16);
        builder.Property(c => c.PhoneDigitsReversed).HasMaxLength(15);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.FirstName).HasMaxLength(100);
        builder.Property(c => c.LastName).HasMaxLength(100);
        builder.Property(c => c.PostalCode).HasMaxLength(20);
        builder.Property(c => c.OtherReply).HasMaxLength(1600);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.IsOptedOut);
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(c => c.SenderCodeId).OnDelete(DeleteBehavior.NoAction);

        // One contact per number per sender code; also serves "starts with" phone searches.
        builder.HasIndex(c => new { c.SenderCodeId, c.Phone }).IsUnique();

        // The grid's indexes (see GridIndexes): each in its sort's order, ending with the phone number.
        builder.HasIndex(c => new { c.SenderCodeId, c.Email, c.Phone }, GridIndexes.ContactsByEmail);

        // Opted-Out tab. Partial, so they hold that tab's rows only and count it without touching the others.
        builder.HasIndex(c => new { c.SenderCodeId, c.OptedOutUtc, c.Phone }, GridIndexes.OptedOutByDate).HasFilter(GridIndexes.OptedOutFilter);
        builder.HasIndex(c => new { c.SenderCodeId, c.OptOutReason, c.OptedOutUtc, c.Phone }, GridIndexes.OptedOutByReason).HasFilter(GridIndexes.OptedOutFilter);
        builder.HasIndex(c => new { c.SenderCodeId, c.Phone, c.OptOutReason }, GridIndexes.OptedOutByPhone).HasFilter(GridIndexes.OptedOutFilter);
        builder.HasIndex(c => new { c.SenderCodeId, c.Email, c.Phone, c.OptOutReason }, GridIndexes.OptedOutByEmail).HasFilter(GridIndexes.OptedOutFilter);

        // Other Contacts tab, likewise.
        builder.HasIndex(c => new { c.SenderCodeId, c.LastMessageUtc, c.Phone }, GridIndexes.OtherByLastMessage).HasFilter(GridIndexes.OtherFilter);
        builder.HasIndex(c => new { c.SenderCodeId, c.Phone }, GridIndexes.OtherByPhone).HasFilter(GridIndexes.OtherFilter);
        builder.HasIndex(c => new { c.SenderCodeId, c.Email, c.Phone }, GridIndexes.OtherByEmail).HasFilter(GridIndexes.OtherFilter);
    }
}
