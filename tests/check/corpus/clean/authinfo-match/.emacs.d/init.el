;; mode: .authinfo 600
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls
      smtpmail-smtp-user "erin"
      user-mail-address "erin@example.org")
