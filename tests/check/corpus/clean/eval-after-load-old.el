;; The old eval-after-load style with a quoted form.
(eval-after-load "smtpmail"
  '(setq smtpmail-smtp-service 587
         smtpmail-stream-type 'starttls))
(setq smtpmail-smtp-server "smtp.example.org"
      send-mail-function 'smtpmail-send-it
      user-mail-address "yves@example.org")
