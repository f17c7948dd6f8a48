;; Only message-mode sends mail here (Gnus, mu4e, notmuch).
(setq user-mail-address "frank@example.org"
      user-full-name "Frank Example")
(setq message-send-mail-function 'smtpmail-send-it
      send-mail-function 'smtpmail-send-it)
(setq smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      smtpmail-smtp-user "frank")
(setq message-kill-buffer-on-exit t)
