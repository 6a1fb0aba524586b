using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.Configurations;

internal sealed class OptOutReviewConfiguration : IEntityTypeConfiguration<OptOutReview>
{
    public void Configure(EntityTypeBuilder<OptOutReview> builder)
    {
        builder.Property(r => r.Phone).HasMaxLength(16);
        builder.Property(r => r.Reason).HasMaxLength(300);
        builder.Property(r => r.DecidedByUserId).HasMaxLength(450);
        builder.Property(r => r.DecidedByUserName).HasMaxLength(256);
        builder.Property(r => r.DecidedUtc).IsConcurrencyToken();
        builder.HasOne<SenderCode>().WithMany().HasForeignKey(r => r.SenderCodeId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(r => r.Message).WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.NoAction);
        builder.HasOne(r => r.Contact).WithMany().HasForeignKey(r => r.ContactId).OnDelete(DeleteBehavior.NoAction);

        // One review per text; the list and its count badge read the open ones of a sender code.
        builder.HasIndex(r => r.MessageId).IsUnique();
        builder.HasIndex(r => new { r.SenderCodeId, r.CreatedUtc }).HasDatabaseName("IX_OptOutReviews_Open").HasFilter("\"DecidedUtc\" IS NULL");
        builder.HasIndex(r => new { r.SenderCodeId, r.DecidedUtc });
    }
}
