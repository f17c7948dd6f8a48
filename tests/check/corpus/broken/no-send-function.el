;; expect: 3:7 warning no-send-function
;; emacs: send-mail-function sendmail-query-once
(setq smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls
      user-mail-address "alice@example.org")
