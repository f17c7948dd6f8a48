(defun my/message-setup ()
  "Turn on spell checking in mail."
  (flyspell-mode 1)
  (auto-fill-mode 1))
(add-hook 'message-mode-hook #'my/message-setup)
(add-hook 'mail-mode-hook #'my/message-setup)
(defvar my/mail-domain "example.org")
(setq user-mail-address (format "karl@%s" my/mail-domain))
(setq smtpmail-smtp-server (concat "smtp." my/mail-domain)
      smtpmail-smtp-service 587
      send-mail-function 'smtpmail-send-it)
