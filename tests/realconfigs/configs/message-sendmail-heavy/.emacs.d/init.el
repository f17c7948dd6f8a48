;;; init.el -*- lexical-binding: t -*-

(setq user-full-name "Oskar Berg"
      user-mail-address "oskar@berg.nu"
      mail-host-address "berg.nu")

(require 'message)
(setq message-send-mail-function 'message-send-mail-with-sendmail
      message-sendmail-envelope-from 'header
      message-sendmail-f-is-evil nil
      message-kill-buffer-on-exit t
      message-citation-line-function 'message-insert-formatted-citation-line
      message-citation-line-format "%N skrev:\n"
      message-auto-save-directory "~/Mail/drafts"
      message-directory "~/Mail/"
      message-signature-file "~/.signature")
(setq sendmail-program "/usr/sbin/sendmail")
(setq mail-envelope-from 'header
      mail-specify-envelope-from t)
(setq message-default-headers "Fcc: ~/Mail/sent\n")
(add-to-list 'message-syntax-checks '(sender . disabled))
(setq message-required-mail-headers '(From Subject Date (optional . In-Reply-To)
                                       Message-ID (optional . User-Agent)))
(add-hook 'message-mode-hook #'footnote-mode)
(add-hook 'message-send-hook #'my/check-attachment)
(defun my/check-attachment ()
  "Ask before sending a mail that mentions an attachment without one."
  (when (and (save-excursion (message-goto-body)
                             (re-search-forward "attach" nil t))
             (not (mml-find-in-buffer-p)))
    (unless (y-or-n-p "No attachment.  Send anyway? ")
      (error "Aborted"))))
(setq mail-user-agent 'message-user-agent
      compose-mail-user-agent-warnings nil)
