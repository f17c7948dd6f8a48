;;; init.el --- mail over Gmail's submission port, plain setq style

(setq user-full-name "Alice Example"
      user-mail-address "alice@example.org")

(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.gmail.com"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)
