;; A typical init file: lots of UI, a little mail.
(menu-bar-mode -1)
(tool-bar-mode -1)
(setq inhibit-startup-message t
      make-backup-files nil)
(global-set-key (kbd "C-x C-b") 'ibuffer)
(load-theme 'modus-vivendi t)
(setq send-mail-function 'smtpmail-send-it
      smtpmail-smtp-server "smtp.example.org"
      smtpmail-smtp-service 587
      user-mail-address "xena@example.org")
(add-hook 'prog-mode-hook #'display-line-numbers-mode)
