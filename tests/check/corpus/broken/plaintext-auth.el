;; expect: 5:7 warning plaintext-auth
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "mail.example.org"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'plain
      smtpmail-smtp-user "alice"
      user-mail-address "alice@example.org")
