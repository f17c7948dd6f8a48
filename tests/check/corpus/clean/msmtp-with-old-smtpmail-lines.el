;; Moved to msmtp; the old smtpmail lines stay but are never read.
(setq smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 465)
(setq send-mail-function 'sendmail-send-it
      message-send-mail-function 'message-send-mail-with-sendmail
      sendmail-program "msmtp"
      user-mail-address "alice@example.org")
