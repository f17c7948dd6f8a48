;;; init.el -*- lexical-binding: t -*-

(require 'package)
(package-initialize)
(require 'use-package)

(use-package notmuch
  :ensure nil
  :commands (notmuch notmuch-mua-new-mail)
  :bind (("C-c n" . notmuch)
         :map notmuch-search-mode-map
         ("d" . my/notmuch-delete))
  :hook (notmuch-message-mode . turn-off-auto-fill)
  :custom
  (notmuch-search-oldest-first nil)
  (notmuch-show-logo nil)
  (notmuch-fcc-dirs "sent")
  (notmuch-draft-folder "drafts")
  (notmuch-mua-compose-in 'current-window)
  :config
  (defun my/notmuch-delete ()
    (interactive)
    (notmuch-search-tag '("+deleted" "-inbox"))))

(use-package sendmail
  :ensure nil
  :custom
  (sendmail-program "msmtp")
  (send-mail-function #'sendmail-send-it)
  (mail-specify-envelope-from t)
  (mail-envelope-from 'header))

(use-package message
  :ensure nil
  :custom
  (message-sendmail-envelope-from 'header)
  (message-send-mail-function #'message-send-mail-with-sendmail)
  (message-kill-buffer-on-exit t))

(setq user-mail-address "pierre@dubois.be"
      user-full-name "Pierre Dubois")
