(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.rediffmail.com"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls)
(setq auth-sources '(password-store))
