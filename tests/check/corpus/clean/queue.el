;; Queue mail while offline; flush with M-x smtpmail-send-queued-mail.
(setq smtpmail-queue-mail nil
      smtpmail-queue-dir "~/Mail/queued-mail/"
      smtpmail-store-queue-variables t)
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      user-mail-address "niaj@example.org")
