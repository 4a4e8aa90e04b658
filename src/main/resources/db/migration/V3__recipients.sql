-- To and Cc addresses of each mail, for searches like to:netdev@vger.kernel.org.
ALTER TABLE message ADD COLUMN recipients VARCHAR(4000);
