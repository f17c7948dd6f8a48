(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "mail.example.net"
      smtpmail-smtp-service 25
      smtpmail-stream-type 'starttls
      smtpmail-local-domain "example.net"
      user-mail-address "quentin@example.net")
