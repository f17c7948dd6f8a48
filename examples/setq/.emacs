;;; .emacs --- plain setq style: the settings most tutorials show

(setq user-full-name "Alice Example"
      user-mail-address "alice@example.org")

;; Send through the provider's submission port, STARTTLS required.
(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-stream-type 'starttls
      smtpmail-smtp-user "alice")
